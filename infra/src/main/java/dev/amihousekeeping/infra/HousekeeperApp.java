package dev.amihousekeeping.infra;

import software.amazon.awscdk.App;

/** CDK app entry point. The stacks arrive with the infrastructure issue; until then it synthesizes nothing. */
public final class HousekeeperApp {
    private HousekeeperApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        app.synth();
    }
}
