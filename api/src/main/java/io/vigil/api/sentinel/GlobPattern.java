package io.vigil.api.sentinel;

/**
 * Redis's glob matching ({@code stringmatchlen}): {@code *}, {@code ?}, {@code [abc]}, {@code [^a]}, {@code [a-z]} and
 * {@code \} escapes. Used by {@code PSUBSCRIBE}, {@code SENTINEL RESET} and {@code SENTINEL CONFIG GET}.
 */
public final class GlobPattern {

    private GlobPattern() {}

    /** Whether {@code text} matches {@code pattern}, case-sensitively. */
    public static boolean matches(String pattern, String text) {
        return matches(pattern, 0, text, 0, false);
    }

    /** Whether {@code text} matches {@code pattern}, ignoring ASCII case. */
    public static boolean matchesIgnoreCase(String pattern, String text) {
        return matches(pattern, 0, text, 0, true);
    }

    private static boolean matches(String p, int pi, String s, int si, boolean nocase) {
        while (pi < p.length()) {
            char pc = p.charAt(pi);
            switch (pc) {
                case '*' -> {
                    while (pi + 1 < p.length() && p.charAt(pi + 1) == '*') {
                        pi++;
                    }
                    if (pi + 1 == p.length()) {
                        return true;
                    }
                    for (int k = si; k <= s.length(); k++) {
                        if (matches(p, pi + 1, s, k, nocase)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si >= s.length()) {
                        return false;
                    }
                    si++;
                }
                case '[' -> {
                    if (si >= s.length()) {
                        return false;
                    }
                    pi++;
                    boolean not = pi < p.length() && p.charAt(pi) == '^';
                    if (not) {
                        pi++;
                    }
                    boolean match = false;
                    char c = s.charAt(si);
                    while (pi < p.length() && p.charAt(pi) != ']') {
                        char here = p.charAt(pi);
                        if (here == '\\' && pi + 1 < p.length()) {
                            pi++;
                            match |= same(p.charAt(pi), c, nocase);
                        } else if (pi + 2 < p.length() && p.charAt(pi + 1) == '-') {
                            char start = p.charAt(pi);
                            char end = p.charAt(pi + 2);
                            if (start > end) {
                                char t = start;
                                start = end;
                                end = t;
                            }
                            char cc = nocase ? Character.toLowerCase(c) : c;
                            if (nocase) {
                                start = Character.toLowerCase(start);
                                end = Character.toLowerCase(end);
                            }
                            match |= cc >= start && cc <= end;
                            pi += 2;
                        } else {
                            match |= same(here, c, nocase);
                        }
                        pi++;
                    }
                    if (not == match) {
                        return false;
                    }
                    si++;
                }
                case '\\' -> {
                    if (pi + 1 < p.length()) {
                        pi++;
                    }
                    if (si >= s.length() || !same(p.charAt(pi), s.charAt(si), nocase)) {
                        return false;
                    }
                    si++;
                }
                default -> {
                    if (si >= s.length() || !same(pc, s.charAt(si), nocase)) {
                        return false;
                    }
                    si++;
                }
            }
            pi++;
        }
        return si == s.length();
    }

    private static boolean same(char a, char b, boolean nocase) {
        return a == b || (nocase && Character.toLowerCase(a) == Character.toLowerCase(b));
    }
}
