// xxHash (Debian's libxxhash-dev): XXH3, the 64-bit hash Sluice's
// near-duplicate detection hashes shingles and band keys with.
#include <xxhash.h>
