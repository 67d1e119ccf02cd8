package dev.converge.remotes;

/**
 * Asks the user a yes/no question on a terminal. Off a terminal there is no confirmation, and
 * a push that {@code force_push: warn} guards is refused unless {@code --force} was given.
 */
@FunctionalInterface
public interface Confirmation {
    /** Whether the user said yes to {@code question}. */
    boolean confirm(String question);
}
