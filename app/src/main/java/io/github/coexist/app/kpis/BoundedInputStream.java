package io.github.coexist.app.kpis;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a stream on until more than a given number of bytes have come, then fails with {@link
 * TooLargeException}: a log that is not a regular file (a pipe, a device) has no size to check
 * before it is read, so it is counted as it is read.
 */
final class BoundedInputStream extends FilterInputStream {
  private final long max;
  private long count;

  BoundedInputStream(InputStream in, long max) {
    super(in);
    this.max = max;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    int n = super.read(bytes, offset, length);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    counted(skipped);
    return skipped;
  }

  private void counted(long n) throws TooLargeException {
    count += n;
    if (count > max) {
      throw new TooLargeException(max);
    }
  }

  /** More bytes came than the stream allows. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(long max) {
      super("more than " + max + " bytes");
    }
  }
}
