package org.pyselect4j.seam;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;

/**
 * A Truffle language with no syntax: evaluating any source gives the
 * {@link Functions} object, whose members Python calls like its own builtins.
 * Calls from compiled Python code into these objects are partially evaluated
 * with the caller, unlike host method calls.
 */
@TruffleLanguage.Registration(id = SeamLanguage.ID, name = "pyselect4j seam", version = "0.1",
        characterMimeTypes = "application/x-pyselect4j-seam", contextPolicy = TruffleLanguage.ContextPolicy.SHARED)
public final class SeamLanguage extends TruffleLanguage<TruffleLanguage.Env> {
    public static final String ID = "pyselect4j";

    @Override
    protected Env createContext(Env env) {
        return env;
    }

    /** Stateless apart from the Env: any thread may use it, as Python's threads use the context. */
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
