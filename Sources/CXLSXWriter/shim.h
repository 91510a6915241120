#ifndef GRIDPLAN_CXLSXWRITER_SHIM_H
#define GRIDPLAN_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
