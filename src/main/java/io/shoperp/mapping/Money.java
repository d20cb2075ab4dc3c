package io.shoperp.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import io.shoperp.inbox.UnprocessableEventException;

/**
 * Money arithmetic at ERPNext's currency precision (2 decimals). Every amount that leaves the mapping is exact at
 * that precision, so ERPNext's own rounding (rate and amount to the field precision) never changes a value.
 */
public final class Money {

    public static final int SCALE = 2;

    private static final BigDecimal CENT = BigDecimal.ONE.movePointLeft(SCALE);

    private Money() {
    }

    /** The amount at 2 decimals; an amount with non-zero digits beyond them cannot be mapped without changing it. */
    public static BigDecimal exact(BigDecimal amount, String what) {
        try {
            return amount.setScale(SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new UnprocessableEventException(what + " " + amount.toPlainString() + " has more than " + SCALE
                    + " decimals", e);
        }
    }

    public static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(SCALE);
    }

    public static BigDecimal sum(Collection<BigDecimal> amounts) {
        return amounts.stream().reduce(zero(), BigDecimal::add);
    }

    /** A quantity sold at one per-unit rate: a document row's qty and rate. */
    public record Portion(int quantity, BigDecimal rate) {

        public BigDecimal amount() {
            return rate.multiply(BigDecimal.valueOf(quantity));
        }
    }

    /**
     * {@code total} over {@code quantity} units as at most two portions whose qty x rate add up to the total exactly:
     * 10.00 over 3 units is 1 x 3.34 + 2 x 3.33. ERPNext keeps rates to the cent, so one row with rate 3.33 would
     * lose a cent; splitting the row keeps every rate and amount exact.
     */
    public static List<Portion> perUnit(BigDecimal total, int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
        BigDecimal units = BigDecimal.valueOf(quantity);
        BigDecimal lowerRate = total.divide(units, SCALE, RoundingMode.FLOOR);
        int unitsAtHigherRate = total.subtract(lowerRate.multiply(units)).movePointRight(SCALE).intValueExact();
        List<Portion> portions = new ArrayList<>(2);
        if (unitsAtHigherRate > 0) {
            portions.add(new Portion(unitsAtHigherRate, lowerRate.add(CENT)));
        }
        if (unitsAtHigherRate < quantity) {
            portions.add(new Portion(quantity - unitsAtHigherRate, lowerRate));
        }
        return portions;
    }

    /**
     * {@code total} shared in proportion to {@code weights}, each share to the cent, the shares adding up to the total
     * exactly (largest remainder). All-zero weights share equally.
     */
    public static List<BigDecimal> apportion(BigDecimal total, List<BigDecimal> weights) {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("nothing to apportion " + total + " over");
        }
        BigDecimal weightSum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        List<BigDecimal> effectiveWeights = weightSum.signum() == 0
                ? weights.stream().map(weight -> BigDecimal.ONE).toList() : weights;
        BigDecimal effectiveSum = weightSum.signum() == 0 ? BigDecimal.valueOf(weights.size()) : weightSum;
        long totalCents = total.movePointRight(SCALE).longValueExact();
        List<BigDecimal> exactCents = effectiveWeights.stream()
                .map(weight -> weight.multiply(BigDecimal.valueOf(totalCents)).divide(effectiveSum, 10, RoundingMode.HALF_EVEN))
                .toList();
        long[] cents = exactCents.stream().mapToLong(share -> share.setScale(0, RoundingMode.FLOOR).longValueExact()).toArray();
        long leftover = totalCents - Arrays.stream(cents).sum();
        IntStream.range(0, cents.length).boxed()
                .sorted(Comparator.comparing((Integer i) -> exactCents.get(i).subtract(BigDecimal.valueOf(cents[i])))
                        .reversed())
                .limit(leftover)
                .forEach(i -> cents[i]++);
        return Arrays.stream(cents).mapToObj(cent -> BigDecimal.valueOf(cent, SCALE)).toList();
    }
}
