package io.shoperp.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import io.shoperp.inbox.UnprocessableEventException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({"10.00, 3", "54.52, 3", "0.01, 7", "100.00, 4", "-10.00, 3", "0.00, 2", "9999999.99, 250"})
    void perUnitPortionsAddUpExactlyWithRatesAtMostACentApart(String total, int quantity) {
        List<Money.Portion> portions = Money.perUnit(new BigDecimal(total), quantity);

        assertThat(portions).hasSizeBetween(1, 2);
        assertThat(portions.stream().mapToInt(Money.Portion::quantity).sum()).isEqualTo(quantity);
        assertThat(Money.sum(portions.stream().map(Money.Portion::amount).toList())).isEqualByComparingTo(total);
        portions.forEach(portion -> assertThat(portion.rate().scale()).isEqualTo(2));
        if (portions.size() == 2) {
            assertThat(portions.get(0).rate().subtract(portions.get(1).rate())).isEqualByComparingTo("0.01");
        }
    }

    @Test
    void anEvenTotalIsOnePortion() {
        assertThat(Money.perUnit(new BigDecimal("22.72"), 2)).containsExactly(new Money.Portion(2, new BigDecimal("11.36")));
    }

    @Test
    void apportionKeepsTheTotalAndFollowsTheWeights() {
        List<BigDecimal> shares = Money.apportion(new BigDecimal("1.00"),
                List.of(new BigDecimal("1"), new BigDecimal("1"), new BigDecimal("1")));

        assertThat(shares).containsExactly(new BigDecimal("0.34"), new BigDecimal("0.33"), new BigDecimal("0.33"));
        assertThat(Money.apportion(new BigDecimal("-3.27"), List.of(new BigDecimal("6.47"), new BigDecimal("1.62"))))
                .containsExactly(new BigDecimal("-2.62"), new BigDecimal("-0.65"));
        assertThat(Money.apportion(new BigDecimal("0.05"), List.of(BigDecimal.ZERO, BigDecimal.ZERO)))
                .containsExactly(new BigDecimal("0.03"), new BigDecimal("0.02"));
    }

    @Test
    void anAmountWithSubCentDigitsCannotBeMappedExactly() {
        assertThat(Money.exact(new BigDecimal("1.5"), "price")).isEqualTo(new BigDecimal("1.50"));
        assertThatThrownBy(() -> Money.exact(new BigDecimal("1.505"), "line item 7 price"))
                .isInstanceOf(UnprocessableEventException.class).hasMessageContaining("line item 7 price 1.505");
    }
}
