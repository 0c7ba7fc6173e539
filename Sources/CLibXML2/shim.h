// libxml2's xmlversion.h enables ICU, whose headers clash with Foundation's ICU
// ("'UErrorCode' has different definitions in different modules"): switch it off before the
// parser headers are read. Never touch xmlCharEncodingHandler from Swift (its layout changes).
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlsave.h>
