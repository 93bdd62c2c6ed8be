package io.vigil.config;

import java.util.Optional;

/**
 * One physical line of a configuration file, kept so that a rewrite can reproduce comments, blank lines and order.
 *
 * @param number the 1-based line number
 * @param text the line exactly as read (without its line terminator)
 * @param directive the directive on this line, or empty for a comment or a blank line
 */
public record ConfigLine(int number, String text, Optional<Directive> directive) {

    /** Whether this line is a comment or blank, i.e. carries no directive. */
    public boolean isCommentOrBlank() {
        return directive.isEmpty();
    }
}
