package io.github.coexist.core.internal.records;

import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.NullUnmarked;

/**
 * Not API. Where a desk's new ids come from: ids given whole, numbers given by a sequence (a
 * store's reserved blocks) and written as the desk's prefix and at least eight digits
 * ({@code INC-00000042}), or by default a counter of its own, which a restore moves past the
 * highest number restored, so ids never repeat across a restart. Thread-safe.
 *
 * @param <I> the id type
 */
@NullUnmarked // not yet checked by NullAway: see CONTRIBUTING.md, "Static analysis"
public final class IdSource<I> {
  /** Compares ids as people read them: runs of digits by value ({@code INC-9} before {@code INC-10}). */
  public static final Comparator<String> NATURAL = IdSource::compareNaturally;

  private static final int DIGITS = 8;

  private final String prefix;
  private final Supplier<I> next;
  private final AtomicLong counter;

  private IdSource(String prefix, Supplier<I> next, AtomicLong counter) {
    this.prefix = prefix;
    this.next = next;
    this.counter = counter;
  }

  /** Ids {@code prefix} and the numbers counted from 1, continuing after a restore above the highest restored. */
  public static <I> IdSource<I> counting(String prefix, Function<String, I> idOf) {
    AtomicLong counter = new AtomicLong();
    return new IdSource<>(prefix, () -> idOf.apply(format(prefix, counter.incrementAndGet())), counter);
  }

  /** Ids {@code prefix} and the numbers {@code numbers} gives, which must never repeat. */
  public static <I> IdSource<I> numbered(String prefix, Function<String, I> idOf, LongSupplier numbers) {
    Objects.requireNonNull(numbers, "numbers");
    return new IdSource<>(prefix, () -> idOf.apply(format(prefix, numbers.getAsLong())), null);
  }

  /** The ids {@code ids} gives, which must never repeat. */
  public static <I> IdSource<I> given(Supplier<I> ids) {
    return new IdSource<>("", Objects.requireNonNull(ids, "ids"), null);
  }

  /** A new id. */
  public I next() {
    return next.get();
  }

  /** Takes note of a restored id {@code value}: the own counter continues above its number, when it has one. */
  public void restored(String value) {
    if (counter == null || !value.startsWith(prefix)) {
      return;
    }
    String digits = value.substring(prefix.length());
    if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return;
    }
    long number = Long.parseLong(digits);
    counter.accumulateAndGet(number, Math::max);
  }

  private static String format(String prefix, long n) {
    if (n < 1) {
      throw new IllegalStateException("id numbers start at 1, the sequence gave " + n);
    }
    String digits = Long.toString(n);
    return digits.length() >= DIGITS ? prefix + digits : prefix + "0".repeat(DIGITS - digits.length()) + digits;
  }

  private static int compareNaturally(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int endA = digitsEnd(a, i);
        int endB = digitsEnd(b, j);
        int compared = compareNumbers(a.substring(i, endA), b.substring(j, endB));
        if (compared != 0) {
          return compared;
        }
        i = endA;
        j = endB;
      } else if (x != y) {
        return Character.compare(x, y);
      } else {
        i++;
        j++;
      }
    }
    int left = Integer.compare(a.length() - i, b.length() - j);
    return left != 0 ? left : a.compareTo(b);
  }

  private static int digitsEnd(String s, int from) {
    int end = from;
    while (end < s.length() && Character.isDigit(s.charAt(end))) {
      end++;
    }
    return end;
  }

  private static int compareNumbers(String a, String b) {
    String x = a.replaceFirst("^0+(?=.)", "");
    String y = b.replaceFirst("^0+(?=.)", "");
    return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
  }
}
