import CGSL

/// The probability distributions behind p-values and intervals, from GSL's `cdf` module.
public enum Distributions {
    /// Two-sided p-value of a t statistic with `dof` degrees of freedom: 2·Q(|t|).
    /// A NaN `t` gives NaN (GSL propagates it); `dof` must be > 0.
    public static func studentTwoSidedP(_ t: Double, dof: Double) -> Double {
        GSL.prepare()
        return 2 * gsl_cdf_tdist_Q(Swift.abs(t), dof)
    }

    /// The t quantile with upper-tail probability `q` (e.g. 0.025 for a 95 % interval).
    public static func studentUpperQuantile(_ q: Double, dof: Double) -> Double {
        GSL.prepare()
        return gsl_cdf_tdist_Qinv(q, dof)
    }

    /// Upper-tail probability of an F statistic.
    public static func fisherUpperP(_ f: Double, dof1: Double, dof2: Double) -> Double {
        GSL.prepare()
        return gsl_cdf_fdist_Q(f, dof1, dof2)
    }

    /// Upper-tail probability of the standard normal.
    public static func normalUpperP(_ z: Double) -> Double {
        GSL.prepare()
        return gsl_cdf_ugaussian_Q(z)
    }

    /// Upper-tail quantile of the standard normal.
    public static func normalUpperQuantile(_ q: Double) -> Double {
        GSL.prepare()
        return gsl_cdf_ugaussian_Qinv(q)
    }
}
