package io.shoperp.sync;

import io.shoperp.erpnext.sandbox.SandboxSettings;

/** The order-to-cash scenarios on a site at the doctypes' own defaults (Selling Settings allow_multiple_items 0, no Item Prices of its own). */
class OrderToCashDoctypeDefaultsMariaDbTest extends OrderToCashScenarios {

    @Override
    SandboxSettings.Preset preset() {
        return SandboxSettings.Preset.DOCTYPE_DEFAULTS;
    }
}
