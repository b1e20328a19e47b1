#ifndef SLUICE_CLD2_SHIM_H
#define SLUICE_CLD2_SHIM_H

// A C face for CLD2's C++ API (Debian's libcld2, the "full" tables), so
// Swift reaches it without C++ interoperability. One function, no state:
// CLD2's tables are compiled in and read-only, so calls are thread-safe.

#ifdef __cplusplus
extern "C" {
#endif

/// CLD2's verdict on one text: the top three languages with the share of
/// the text's letters each holds (percent, 0-100), whether CLD2 calls the
/// first reliable, and how many letters it looked at.
typedef struct {
    /// Language codes as CLD2 spells them ("en", "zh", "zh-Hant", "un" for unknown).
    char codes[3][16];
    int percents[3];
    int textBytes;
    int reliable;
} sluice_cld2_result;

/// Identifies the language of `length` bytes of UTF-8 plain text.
/// `languageHint` is a declared language ("zh-CN"; NULL when none), as
/// CLD2's content-language hint. Invalid UTF-8 is cut at its first bad byte.
void sluice_cld2_identify(const char *utf8, int length, const char *languageHint, sluice_cld2_result *result);

#ifdef __cplusplus
}
#endif

#endif
