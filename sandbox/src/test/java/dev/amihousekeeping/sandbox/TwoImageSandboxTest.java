package dev.amihousekeeping.sandbox;

import static dev.amihousekeeping.sandbox.SandboxClients.ec2;
import static dev.amihousekeeping.sandbox.TestSeeds.image;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** A test against a fresh sandbox holding two images in us-east-1 ({@code image(1, "one")}, {@code image(2, "two")}). */
abstract class TwoImageSandboxTest {

    protected Sandbox sandbox;
    protected Ec2Client ec2;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, TestSeeds.seed("us-east-1", List.of(image(1, "one"), image(2, "two"))));
        ec2 = ec2(sandbox, "us-east-1");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }
}
