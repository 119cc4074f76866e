#include "internal.h"

/* Java keeps the address of each direct buffer it passes to the other calls. */
JNIEXPORT jlong JNICALL PYSELECT4J_FN(address)(JNIEnv *env, jclass cls, jobject directBuffer)
{
    (void)cls;
    return (jlong)(intptr_t)(*env)->GetDirectBufferAddress(env, directBuffer);
}
