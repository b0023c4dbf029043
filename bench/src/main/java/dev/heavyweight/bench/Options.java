package dev.heavyweight.bench;

/** {@code --name value} options of the benchmark runners; a missing option gives the fallback. */
final class Options {

    private Options() {
    }

    static int intOption(String[] args, String name, int fallback) {
        return Integer.parseInt(stringOption(args, name, Integer.toString(fallback)));
    }

    static String stringOption(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
