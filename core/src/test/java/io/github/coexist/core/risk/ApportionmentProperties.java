package io.github.coexist.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

class ApportionmentProperties {

  @Test
  @DisplayName("whole shares are each the floor or ceiling of their share and add up to the rounded total")
  void floorsOrCeilingsAddingUp() {
    qt().withExamples(300)
        .forAll(SourceDSL.lists().of(SourceDSL.doubles().between(0, 40)).ofSizeBetween(1, 12))
        .checkAssert(list -> {
          double[] shares = list.stream().mapToDouble(Double::doubleValue).toArray();
          double sum = 0;
          for (double s : shares) {
            sum += Apportionment.snap(s);
          }
          int total = Apportionment.roundHalfUp(sum);
          int[] whole = Apportionment.apportion(shares, total);
          int added = 0;
          for (int i = 0; i < shares.length; i++) {
            double share = Apportionment.snap(shares[i]);
            assertThat((double) whole[i]).isIn(Math.floor(share), Math.ceil(share));
            added += whole[i];
          }
          assertThat(added).isEqualTo(total);
        });
  }

  @Test
  @DisplayName("the missing units go to the largest remainders, ties to the earlier share")
  void largestRemainder() {
    assertThat(Apportionment.apportion(new double[] {1.2, 1.7, 1.5, 1.5}, 7)).containsExactly(1, 2, 2, 2);
    assertThat(Apportionment.apportion(new double[] {1.5, 1.5, 1.0}, 4)).containsExactly(2, 1, 1);
    assertThat(Apportionment.apportion(new double[] {12.4999999999, 0.5}, 13)).containsExactly(13, 0);
    assertThat(List.of(Apportionment.roundHalfUp(12.5), Apportionment.roundHalfUp(12.4999999999),
        Apportionment.roundHalfUp(12.49))).containsExactly(13, 13, 12);
  }
}
