#include <poll.h>

#include "internal.h"

JNIEXPORT jint JNICALL PYSELECT4J_FN(poll)(JNIEnv *env, jclass cls, jlong fds, jint nfds, jint timeoutMs)
{
    (void)env, (void)cls;
    if (nfds < 0)
        return -EINVAL;
    return result_or_errno(poll(to_pointer(fds), (nfds_t)nfds, timeoutMs));
}
