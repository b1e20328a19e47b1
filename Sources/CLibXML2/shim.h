#ifndef SLUICE_CLIBXML2_SHIM_H
#define SLUICE_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU; its encoding.h would pull in the system
// <unicode/ucnv.h>, which clashes with Foundation's own ICU module
// ("'UErrorCode' has different definitions in different modules").
// Nothing here uses the ICU-dependent fields, so hide them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

// xmlFree is a global function-pointer variable, which Swift 6 rejects as
// shared mutable state; call it through a function instead.
static inline void sluice_xml_free(void *pointer) { xmlFree(pointer); }

static void sluice_ignore_structured_error(void *context, xmlErrorPtr error) {
    (void)context;
    (void)error;
}

static void sluice_ignore_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

// libxml2's error handlers are per thread: call this on each thread before parsing,
// so that nothing is printed to stderr (HTML_PARSE_NOERROR misses encoding errors).
static inline void sluice_silence_libxml2_errors(void) {
    xmlSetStructuredErrorFunc(NULL, sluice_ignore_structured_error);
    xmlSetGenericErrorFunc(NULL, sluice_ignore_generic_error);
}

#endif
