package io.github.coexist.core.kpi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Interns string keys (deployment ids, commit shas, service names) to dense ints {@code 0..size-1}.
 *
 * <p>Millions of keys must fit in little memory, so keys live as bytes in one pool rather than as
 * {@code String} objects: lowercase hex of even length (a commit sha) is packed two characters to
 * a byte, keys of characters up to U+00FF take a byte a character, anything else two (so every
 * string, even one with a lone surrogate, keeps its identity). Lookups use open addressing with
 * linear probing. Not thread-safe; the engine guards it.
 */
final class KeyTable {
  private static final int HEX = 0x8000_0000;
  private static final int WIDE = 0x4000_0000;
  private static final int LENGTH = 0x3fff_ffff;
  private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] pool = new byte[256];
  private int poolSize;
  private int[] starts = new int[16];
  private int[] lengths = new int[16];
  private int size;
  // a slot holds a key's hash in its upper half and its index + 1 in its lower half (0: empty),
  // so that probing compares hashes without another random memory access
  private long[] slots = new long[32];
  private byte[] scratch = new byte[64];
  private int scratchLength;

  /** How many keys are interned. */
  int size() {
    return size;
  }

  /** The index of {@code key}, or -1 when it was never interned. */
  int find(String key) {
    int tag = encode(key);
    int hash = hash(tag);
    int mask = slots.length - 1;
    for (int slot = hash & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
      long entry = slots[slot];
      if ((int) (entry >>> 32) == hash && sameAsScratch((int) entry - 1, tag)) {
        return (int) entry - 1;
      }
    }
    return -1;
  }

  /** The index of {@code key}, interning it first when it is new. */
  int intern(String key) {
    int tag = encode(key);
    int hash = hash(tag);
    int mask = slots.length - 1;
    int slot = hash & mask;
    for (; slots[slot] != 0; slot = (slot + 1) & mask) {
      long entry = slots[slot];
      if ((int) (entry >>> 32) == hash && sameAsScratch((int) entry - 1, tag)) {
        return (int) entry - 1;
      }
    }
    int index = append(tag);
    slots[slot] = ((long) hash << 32) | (index + 1);
    if (size * 2 > slots.length) {
      rehash(slots.length * 2);
    }
    return index;
  }

  /** The key interned at {@code index}. */
  String key(int index) {
    int start = starts[index];
    int length = lengths[index] & LENGTH;
    if ((lengths[index] & HEX) == 0) {
      boolean wide = (lengths[index] & WIDE) != 0;
      char[] chars = new char[wide ? length / 2 : length];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = wide
            ? (char) (((pool[start + 2 * i] & 0xff) << 8) | (pool[start + 2 * i + 1] & 0xff))
            : (char) (pool[start + i] & 0xff);
      }
      return new String(chars);
    }
    char[] chars = new char[length * 2];
    for (int i = 0; i < length; i++) {
      int b = pool[start + i] & 0xff;
      chars[2 * i] = Character.forDigit(b >>> 4, 16);
      chars[2 * i + 1] = Character.forDigit(b & 0xf, 16);
    }
    return new String(chars);
  }

  private int append(int tag) {
    if (size == starts.length) {
      int capacity = size + (size >> 1) + 16;
      starts = Arrays.copyOf(starts, capacity);
      lengths = Arrays.copyOf(lengths, capacity);
    }
    if (poolSize + scratchLength > pool.length) {
      pool = Arrays.copyOf(pool, Math.max(poolSize + scratchLength, pool.length + (pool.length >> 1)));
    }
    System.arraycopy(scratch, 0, pool, poolSize, scratchLength);
    starts[size] = poolSize;
    lengths[size] = tag;
    poolSize += scratchLength;
    return size++;
  }

  private void rehash(int capacity) {
    long[] fresh = new long[capacity];
    int mask = capacity - 1;
    for (long entry : slots) {
      if (entry != 0) {
        int slot = (int) (entry >>> 32) & mask;
        while (fresh[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        fresh[slot] = entry;
      }
    }
    slots = fresh;
  }

  private boolean sameAsScratch(int index, int tag) {
    if (lengths[index] != tag) {
      return false;
    }
    int start = starts[index];
    return Arrays.equals(pool, start, start + scratchLength, scratch, 0, scratchLength);
  }

  /** Encodes {@code key} into the scratch buffer; answers its length, flagged when hex-packed. */
  private int encode(String key) {
    int n = key.length();
    if (n > 0 && (n & 1) == 0 && packHex(key)) {
      scratchLength = n / 2;
      return scratchLength | HEX;
    }
    boolean wide = false;
    for (int i = 0; i < n && !wide; i++) {
      wide = key.charAt(i) > 0xff;
    }
    scratchLength = wide ? 2 * n : n;
    ensureScratch(scratchLength);
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (wide) {
        scratch[2 * i] = (byte) (c >>> 8);
        scratch[2 * i + 1] = (byte) c;
      } else {
        scratch[i] = (byte) c;
      }
    }
    return wide ? scratchLength | WIDE : scratchLength;
  }

  private void ensureScratch(int length) {
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
    }
  }

  /** Packs lowercase hex into the scratch buffer; false (scratch garbage) when {@code key} is not such hex. */
  private boolean packHex(String key) {
    ensureScratch(key.length() / 2);
    for (int i = 0; i < key.length(); i += 2) {
      int high = hexDigit(key.charAt(i));
      int low = hexDigit(key.charAt(i + 1));
      if ((high | low) < 0) {
        return false;
      }
      scratch[i / 2] = (byte) ((high << 4) | low);
    }
    return true;
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  }

  /**
   * The key's bytes eight at a time (a sha is three words, not twenty bytes in a chain of
   * multiplications), each mixed in by a multiply and a rotation, then MurmurHash3's finaliser so
   * that sequential shas spread well.
   */
  private int hash(int tag) {
    long h = 0xcbf29ce484222325L ^ tag;
    int i = 0;
    for (; i + Long.BYTES <= scratchLength; i += Long.BYTES) {
      h = mix(h, (long) WORDS.get(scratch, i));
    }
    long tail = 0;
    for (int shift = 0; i < scratchLength; i++, shift += Byte.SIZE) {
      tail |= (scratch[i] & 0xffL) << shift;
    }
    h = mix(h, tail);
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }

  private static long mix(long h, long word) {
    return Long.rotateLeft(h ^ (word * 0x9e3779b97f4a7c15L), 27) * 0xc2b2ae3d27d4eb4fL;
  }
}
