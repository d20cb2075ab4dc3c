package io.shoperp.sync;

import io.shoperp.erpnext.sandbox.SandboxSettings;

/** The invoice-policy and payment scenarios on a site at what the setup wizard sets. */
class OrderPaymentsSetupWizardMariaDbTest extends OrderPaymentScenarios {

    @Override
    SandboxSettings.Preset preset() {
        return SandboxSettings.Preset.SETUP_WIZARD;
    }
}
