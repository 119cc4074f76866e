#define _GNU_SOURCE
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

/* pidfd_open(2) has no glibc wrapper before 2.36: the system call itself. */
JNIEXPORT jint JNICALL PYSELECT4J_FN(pidfdOpen)(JNIEnv *env, jclass cls, jint pid, jint flags)
{
    (void)env, (void)cls;
    return result_or_errno(syscall(SYS_pidfd_open, (pid_t)pid, (unsigned int)flags));
}
