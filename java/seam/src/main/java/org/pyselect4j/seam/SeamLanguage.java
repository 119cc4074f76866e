package org.pyselect4j.seam;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;

/**
 * pyselect4j's seam into GraalPy: a Truffle language with no syntax.
 * Evaluating any source gives the {@link Functions} object, whose members the
 * Python glue calls for the frequent operations (waits, registrations) and
 * for delivering signals to the main thread ({@link SeamContext#mainThreadCall}).
 * Calls from compiled Python code into these objects are compiled with the
 * caller, unlike host method calls, which is what makes them cheaper
 * ({@code bench/seam.py}). The glue falls back to the host bridge where a
 * context does not permit this language.
 */
@TruffleLanguage.Registration(id = SeamLanguage.ID, name = "pyselect4j seam", version = "0.1",
        characterMimeTypes = "application/x-pyselect4j-seam", contextPolicy = TruffleLanguage.ContextPolicy.SHARED)
public final class SeamLanguage extends TruffleLanguage<SeamContext> {
    /** The language id a context must permit for the seam. */
    public static final String ID = "pyselect4j";

    @Override
    protected SeamContext createContext(Env env) {
        return new SeamContext(env);
    }

    /** The seam keeps no state of its own that threads could race on: the core is thread-safe. */
    @Override
    protected boolean isThreadAccessAllowed(Thread thread, boolean singleThreaded) {
        return true;
    }

    @Override
    protected CallTarget parse(ParsingRequest request) {
        return new RootNode(this) {
            @Override
            public Object execute(VirtualFrame frame) {
                return Functions.INSTANCE;
            }
        }.getCallTarget();
    }
}
