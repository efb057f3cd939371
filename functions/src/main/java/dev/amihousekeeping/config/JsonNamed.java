package dev.amihousekeeping.config;

/** An enum constant's name in the policy file, such as {@code ami-created}, for error messages. */
interface JsonNamed {

    String json();
}
