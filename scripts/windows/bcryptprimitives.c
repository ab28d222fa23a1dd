/* Wine before 9.0 lacks bcryptprimitives.dll, whose ProcessPrng the Rust standard library
 * (1.78 and later) takes its random bytes from on Windows. For scripts/windows-check only,
 * never shipped: this stand-in answers ProcessPrng with RtlGenRandom (advapi32's
 * SystemFunction036), which every Wine has. Real Windows 10 and later have the DLL. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
