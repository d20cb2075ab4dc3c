package io.shoperp.erpnext;

import java.util.List;

/** Outcome of {@link CustomFieldSetup#run()}: Custom Field record names created now and those already in place. */
public record CustomFieldSetupReport(List<String> created, List<String> alreadyPresent) {

    @Override
    public String toString() {
        return "created " + created + ", already present " + alreadyPresent;
    }
}
