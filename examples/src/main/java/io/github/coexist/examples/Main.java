package io.github.coexist.examples;

/** The coexist command line: {@code demo}, {@code kpis}, {@code serve}, {@code replay}. */
public final class Main {
  private Main() {}

  /** Runs one command. */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("kpis")) {
      System.exit(io.github.coexist.examples.kpis.KpisCommand.run(
          java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
    }
    System.out.println("coexist: commands are being built");
  }
}
