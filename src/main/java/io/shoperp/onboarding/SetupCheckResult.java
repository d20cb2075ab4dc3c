package io.shoperp.onboarding;

/** One line of the setup check: what was checked, PASS or FAIL, and what was found or how to fix it. */
public record SetupCheckResult(String check, Outcome result, String detail) {

    public enum Outcome { PASS, FAIL }

    public static SetupCheckResult pass(String check, String detail) {
        return new SetupCheckResult(check, Outcome.PASS, detail);
    }

    public static SetupCheckResult fail(String check, String fix) {
        return new SetupCheckResult(check, Outcome.FAIL, fix);
    }

    public boolean passed() {
        return result == Outcome.PASS;
    }

    /** "PASS company: Shop Co (USD)", the form the command prints and text/plain answers. */
    public String line() {
        return result + " " + check + ": " + detail;
    }
}
