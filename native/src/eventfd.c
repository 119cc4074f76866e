#include <sys/eventfd.h>

#include "internal.h"

JNIEXPORT jint JNICALL PYSELECT4J_FN(eventfdCreate)(JNIEnv *env, jclass cls, jint initval, jint flags)
{
    (void)env, (void)cls;
    /* initval is an unsigned int that travels as a Java int. */
    return result_or_errno(eventfd((unsigned int)initval, flags));
}
