package dev.amihousekeeping.sandbox;

/** The handler of one EC2 action: reads the call's parameters, changes state, writes the response body. */
@FunctionalInterface
interface Ec2Action {
    void run(Ec2Call call);
}
