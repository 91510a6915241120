#ifndef GRIDPLAN_CGLPK_SHIM_H
#define GRIDPLAN_CGLPK_SHIM_H
#include <glpk.h>
#endif
