package io.github.coexist.examples;

/** The coexist command line: {@code demo}, {@code kpis}, {@code serve}, {@code replay}. */
public final class Main {
  private Main() {}

  /** Runs one command. */
  public static void main(String[] args) {
    System.out.println("coexist: commands are being built");
  }
}
