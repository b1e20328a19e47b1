#ifndef SLUICE_CLIBARCHIVE_SHIM_H
#define SLUICE_CLIBARCHIVE_SHIM_H

#include <archive.h>
#include <archive_entry.h>

// AE_IFREG and friends are casts Swift does not import; give them as numbers.
static const unsigned int sluice_ae_ifmt = 0170000;
static const unsigned int sluice_ae_ifreg = 0100000;
static const unsigned int sluice_ae_iflnk = 0120000;
static const unsigned int sluice_ae_ifdir = 0040000;

#endif
