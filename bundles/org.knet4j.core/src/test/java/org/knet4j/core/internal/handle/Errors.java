package org.knet4j.core.internal.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;

/** Asserts that a call fails with a given libknet errno. */
final class Errors {
    interface Call {
        void run() throws Exception;
    }

    private Errors() {
    }

    static KnetException expect(KnetError error, Call call) {
        Throwable t = catchThrowable(call::run);
        assertThat(t).as("expected %s", error).isInstanceOf(KnetException.class);
        KnetException e = (KnetException) t;
        assertThat(e.error()).as(e.getMessage()).isEqualTo(error);
        return e;
    }
}
