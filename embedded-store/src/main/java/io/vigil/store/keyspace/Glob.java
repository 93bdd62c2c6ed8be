package io.vigil.store.keyspace;

/**
 * Glob-style matching of byte strings, a port of Redis's {@code stringmatchlen} ({@code *}, {@code ?}, {@code
 * [abc]}, {@code [^a-z]}, {@code \x}), used by {@code KEYS}, {@code SCAN MATCH}, {@code PSUBSCRIBE} and {@code CONFIG
 * GET}. Bytes compare as signed values, as C {@code char} does on x86.
 */
public final class Glob {

    private Glob() {}

    /** Whether {@code string} matches {@code pattern}. */
    public static boolean matches(byte[] pattern, byte[] string, boolean noCase) {
        boolean[] skipLonger = new boolean[1];
        return match(pattern, 0, pattern.length, string, 0, string.length, noCase, skipLonger, 0);
    }

    /** Whether the pattern is exactly {@code *} (so matching can be skipped). */
    public static boolean matchesAll(byte[] pattern) {
        return pattern.length == 1 && pattern[0] == '*';
    }

    private static int at(byte[] a, int i, int end) {
        return i < end ? a[i] : 0;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private static boolean match(
            byte[] pat, int p, int plen, byte[] str, int s, int slen, boolean noCase, boolean[] skip, int nesting) {
        int pend = p + plen;
        if (nesting > 1000) {
            return false;
        }
        while (plen > 0 && slen > 0) {
            switch (pat[p]) {
                case '*' -> {
                    while (plen > 0 && at(pat, p + 1, pend) == '*') {
                        p++;
                        plen--;
                    }
                    if (plen == 1) {
                        return true;
                    }
                    while (slen > 0) {
                        if (match(pat, p + 1, plen - 1, str, s, slen, noCase, skip, nesting + 1)) {
                            return true;
                        }
                        if (skip[0]) {
                            return false;
                        }
                        s++;
                        slen--;
                    }
                    skip[0] = true;
                    return false;
                }
                case '?' -> {
                    s++;
                    slen--;
                }
                case '[' -> {
                    p++;
                    plen--;
                    boolean not = at(pat, p, pend) == '^';
                    if (not) {
                        p++;
                        plen--;
                    }
                    boolean matched = false;
                    while (true) {
                        int c0 = at(pat, p, pend);
                        if (c0 == '\\' && plen >= 2) {
                            p++;
                            plen--;
                            if (at(pat, p, pend) == str[s]) {
                                matched = true;
                            }
                        } else if (c0 == ']') {
                            break;
                        } else if (plen == 0) {
                            p--;
                            plen++;
                            break;
                        } else if (plen >= 3 && at(pat, p + 1, pend) == '-') {
                            int start = c0;
                            int end = at(pat, p + 2, pend);
                            int c = str[s];
                            if (start > end) {
                                int t = start;
                                start = end;
                                end = t;
                            }
                            if (noCase) {
                                start = lower(start);
                                end = lower(end);
                                c = lower(c);
                            }
                            p += 2;
                            plen -= 2;
                            if (c >= start && c <= end) {
                                matched = true;
                            }
                        } else if (noCase ? lower(c0) == lower(str[s]) : c0 == str[s]) {
                            matched = true;
                        }
                        p++;
                        plen--;
                    }
                    if (not) {
                        matched = !matched;
                    }
                    if (!matched) {
                        return false;
                    }
                    s++;
                    slen--;
                }
                default -> {
                    if (pat[p] == '\\' && plen >= 2) {
                        p++;
                        plen--;
                    }
                    int c = pat[p];
                    if (noCase ? lower(c) != lower(str[s]) : c != str[s]) {
                        return false;
                    }
                    s++;
                    slen--;
                }
            }
            p++;
            plen--;
            if (slen == 0) {
                while (at(pat, p, pend) == '*') {
                    p++;
                    plen--;
                }
                break;
            }
        }
        return plen == 0 && slen == 0;
    }
}
