package io.shoperp.sync;

import io.shoperp.erpnext.sandbox.SandboxSettings;

/** The order-to-cash scenarios on a site at what the setup wizard sets (ERPNext fills the price list from order rates). */
class OrderToCashSetupWizardMariaDbTest extends OrderToCashScenarios {

    @Override
    SandboxSettings.Preset preset() {
        return SandboxSettings.Preset.SETUP_WIZARD;
    }
}
