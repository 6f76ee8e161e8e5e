package io.github.coexist.core.kernel;

/**
 * When what a service handed its keeper is durable: the outbox's rule that a write owed to a tool
 * (an ITSM record, a pipeline's answer) goes out only once the commit holding it, and the state
 * change that caused it, has committed. A service takes a {@link #mark()} right after it kept the
 * state that owes a write, and asks {@link #durableOr} before it delivers; after a crash the store
 * still holds every write that went out. {@link #immediate()} for state that is not kept (memory
 * only). Implementations are thread-safe.
 */
public interface Durability {

  /** A mark covering everything kept so far: durable once the commit that takes it ended. */
  long mark();

  /**
   * True when everything kept up to {@code mark} is committed; otherwise false, and {@code then}
   * runs once, on the thread that made it durable, after the commit that did (so a caller holds
   * its delivery and retries it from {@code then}). {@code then} must be quick and must not block.
   */
  boolean durableOr(long mark, Runnable then);

  /** State that is not kept is as durable as it gets at once: every mark is durable. */
  static Durability immediate() {
    return new Durability() {
      @Override
      public long mark() {
        return 0;
      }

      @Override
      public boolean durableOr(long mark, Runnable then) {
        return true;
      }

      @Override
      public String toString() {
        return "Durability.immediate()";
      }
    };
  }
}
