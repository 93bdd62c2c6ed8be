package io.vigil.election;

/** Redis-style glob matching ({@code *}, {@code ?}, {@code [abc]}, {@code [^a-z]}, {@code \x}) for SENTINEL RESET. */
final class Glob {

    private Glob() {}

    static boolean matches(String pattern, String text) {
        return match(pattern, 0, text, 0);
    }

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*' -> {
                    for (int k = si; k <= s.length(); k++) {
                        if (match(p, pi + 1, s, k)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si >= s.length()) {
                        return false;
                    }
                    pi++;
                    si++;
                }
                case '[' -> {
                    if (si >= s.length()) {
                        return false;
                    }
                    int end = p.indexOf(']', pi + 1);
                    if (end < 0) {
                        return false;
                    }
                    String set = p.substring(pi + 1, end);
                    boolean negate = set.startsWith("^");
                    if (negate) {
                        set = set.substring(1);
                    }
                    boolean hit = inSet(set, s.charAt(si));
                    if (hit == negate) {
                        return false;
                    }
                    pi = end + 1;
                    si++;
                }
                case '\\' -> {
                    if (pi + 1 < p.length()) {
                        pi++;
                    }
                    if (si >= s.length() || s.charAt(si) != p.charAt(pi)) {
                        return false;
                    }
                    pi++;
                    si++;
                }
                default -> {
                    if (si >= s.length() || s.charAt(si) != c) {
                        return false;
                    }
                    pi++;
                    si++;
                }
            }
        }
        return si == s.length();
    }

    private static boolean inSet(String set, char ch) {
        for (int i = 0; i < set.length(); i++) {
            if (i + 2 < set.length() && set.charAt(i + 1) == '-') {
                if (ch >= set.charAt(i) && ch <= set.charAt(i + 2)) {
                    return true;
                }
                i += 2;
            } else if (set.charAt(i) == ch) {
                return true;
            }
        }
        return false;
    }
}
