package io.shoperp.sync;

import io.shoperp.erpnext.sandbox.SandboxSettings;

/** The invoice-policy and payment scenarios on a site at the doctypes' own defaults. */
class OrderPaymentsDoctypeDefaultsMariaDbTest extends OrderPaymentScenarios {

    @Override
    SandboxSettings.Preset preset() {
        return SandboxSettings.Preset.DOCTYPE_DEFAULTS;
    }
}
