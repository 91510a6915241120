// placeholder so the target builds; replaced by the first real source file.
