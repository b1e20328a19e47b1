#include "cld2_shim.h"

#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <cstring>

// Every CLD2 object lives on this function's stack; nothing outlives the call.
void sluice_cld2_identify(const char *utf8, int length, const char *languageHint, sluice_cld2_result *result) {
    CLD2::CLDHints hints = {languageHint, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    CLD2::Language language3[3];
    int percent3[3] = {0, 0, 0};
    double scores3[3] = {0, 0, 0};
    int textBytes = 0;
    bool reliable = false;
    int validPrefix = 0;
    CLD2::ExtDetectLanguageSummaryCheckUTF8(
        utf8, length, true, &hints, 0, language3, percent3, scores3, nullptr, &textBytes, &reliable, &validPrefix);
    if (validPrefix < length) {
        // Caller promises UTF-8; if it is not, judge the valid prefix rather than nothing.
        CLD2::ExtDetectLanguageSummaryCheckUTF8(
            utf8, validPrefix, true, &hints, 0, language3, percent3, scores3, nullptr, &textBytes, &reliable,
            &validPrefix);
    }
    for (int i = 0; i < 3; i++) {
        const char *code = CLD2::LanguageCode(language3[i]);
        std::strncpy(result->codes[i], code ? code : "un", sizeof result->codes[i] - 1);
        result->codes[i][sizeof result->codes[i] - 1] = '\0';
        result->percents[i] = percent3[i];
    }
    result->textBytes = textBytes;
    result->reliable = reliable ? 1 : 0;
}
