// Vectorised exp/log/tanh/sigmoid, written once with clang vector types and
// instantiated per ISA by vector_math.c, which defines before including:
//   VM_W       lanes per vector (16 for AVX-512, 8 for AVX2, 4 portable)
//   VM_SUFFIX  name suffix of the generated functions
//   VM_TARGET  the function target attribute (may be empty)
//   VM_HAS_FMA 1 if the target has fused multiply-add instructions; without
//              them __builtin_elementwise_fma would become a libm call per lane
// The bit tricks (magic-number rounding, building 2^n in the exponent field)
// avoid per-lane conversions; comparisons give all-ones/zero lane masks.

#define VM_CAT2(a, b) a##_##b
#define VM_CAT(a, b) VM_CAT2(a, b)
#define VM(name) VM_CAT(name, VM_SUFFIX)

typedef float VM(vf) __attribute__((ext_vector_type(VM_W)));
typedef int VM(vi) __attribute__((ext_vector_type(VM_W)));
#define vf VM(vf)
#define vi VM(vi)
#define VM_INLINE static inline __attribute__((always_inline)) VM_TARGET

/// mask ? a : b, lane by lane (mask lanes are all ones or zero).
VM_INLINE vf VM(select)(vi mask, vf a, vf b) { return (vf)((mask & (vi)a) | (~mask & (vi)b)); }

#if VM_HAS_FMA
VM_INLINE vf VM(fma)(vf a, vf b, vf c) { return __builtin_elementwise_fma(a, b, c); }
#else
VM_INLINE vf VM(fma)(vf a, vf b, vf c) { return a * b + c; }
#endif

/// e^x. Range reduction x = n·ln2 + r with |r| <= ln2/2 (Cody-Waite split of
/// ln2 so n·ln2_hi is exact), e^r from its Taylor series to r^7 (truncation
/// error < 0.347^8/8! = 5e-9), then scaling by 2^n built in the exponent
/// bits - in two halves so that results down to 2^-150 (denormals) work.
VM_INLINE vf VM(exp)(vf x) {
    x = VM(select)(x > 89.0f, (vf)89.0f, x);     // e^89 overflows to +inf below
    x = VM(select)(x < -104.0f, (vf)-104.0f, x); // e^-104 underflows to 0
    const vf magic = 12582912.0f;                // 1.5·2^23: adding it rounds to an integer
    vf t = VM(fma)(x, (vf)1.44269504088896341f, magic);
    vi n = (vi)t - (vi)magic;                    // round(x / ln2) as an integer
    vf nf = t - magic;
    vf r = VM(fma)(nf, (vf)-0.693359375f, x);    // ln2_hi = 0x1.63p-1 (exact product)
    r = VM(fma)(nf, (vf)2.12194440e-4f, r);      // ln2_lo = ln2 - ln2_hi
    vf p = 1.0f / 5040.0f;
    p = VM(fma)(p, r, (vf)(1.0f / 720.0f));
    p = VM(fma)(p, r, (vf)(1.0f / 120.0f));
    p = VM(fma)(p, r, (vf)(1.0f / 24.0f));
    p = VM(fma)(p, r, (vf)(1.0f / 6.0f));
    p = VM(fma)(p, r, (vf)0.5f);
    p = VM(fma)(p, r, (vf)1.0f);
    p = VM(fma)(p, r, (vf)1.0f);
    vi n1 = n >> 1, n2 = n - n1;                 // n in [-150, 129]: halves stay normal
    vf s1 = (vf)((n1 + 127) << 23), s2 = (vf)((n2 + 127) << 23);
    return p * s1 * s2;
}

/// ln x. x = m·2^e with m in [√½, √2); ln m = 2·atanh(s), s = (m-1)/(m+1),
/// |s| <= 0.1716, from the atanh series to s^9 (truncation error relative to
/// the result < s^10·9/11 = 1.8e-8). Denormal inputs are scaled by 2^23 first.
VM_INLINE vf VM(log)(vf x) {
    vi tiny = x < 1.17549435e-38f;
    vf xs = VM(select)(tiny, x * 8388608.0f, x);
    vi bits = (vi)xs;
    vi e = ((bits >> 23) & 0xFF) - 127;
    e = e - (tiny & 23);
    vf m = (vf)((bits & 0x007FFFFF) | 0x3F800000);  // mantissa in [1, 2)
    vi big = m > 1.41421356f;
    m = VM(select)(big, m * 0.5f, m);
    e = e - big;                                     // big lanes are -1
    vf s = (m - 1.0f) / (m + 1.0f), s2 = s * s;
    vf q = 2.0f / 9.0f;
    q = VM(fma)(q, s2, (vf)(2.0f / 7.0f));
    q = VM(fma)(q, s2, (vf)(2.0f / 5.0f));
    q = VM(fma)(q, s2, (vf)(2.0f / 3.0f));
    vf logm = VM(fma)(s * s2, q, s + s);
    vf ef = __builtin_convertvector(e, vf);
    vf result = VM(fma)(ef, (vf)0.693359375f, VM(fma)(ef, (vf)-2.12194440e-4f, logm));
    result = VM(select)(x == 0.0f, (vf)(-__builtin_inff()), result);
    result = VM(select)(x == __builtin_inff(), x, result);
    vi invalid = (x < 0.0f) | (x != x);
    return VM(select)(invalid, (vf)__builtin_nanf(""), result);
}

/// tanh x. For |x| < 0.4 the odd Taylor series to x^11 (next term < 6e-8
/// relative); above, 1 - 2/(e^{2|x|} + 1) with the sign put back; |x| is
/// clamped at 9.5, where tanh already rounds to 1.
VM_INLINE vf VM(tanh)(vf x) {
    vi sign = (vi)x & (vi)(vf)-0.0f;
    vf ax = (vf)((vi)x & ~(vi)(vf)-0.0f);
    vf x2 = x * x;
    vf q = -1382.0f / 155925.0f;
    q = VM(fma)(q, x2, (vf)(62.0f / 2835.0f));
    q = VM(fma)(q, x2, (vf)(-17.0f / 315.0f));
    q = VM(fma)(q, x2, (vf)(2.0f / 15.0f));
    q = VM(fma)(q, x2, (vf)(-1.0f / 3.0f));
    vf small = VM(fma)(x * x2, q, x);
    vf clamped = VM(select)(ax > 9.5f, (vf)9.5f, ax);
    vf large = 1.0f - 2.0f / (VM(exp)(clamped + clamped) + 1.0f);
    large = (vf)((vi)large | sign);
    return VM(select)(ax < 0.4f, small, large);
}

/// 1 / (1 + e^-x); saturates to 0 and 1 through exp's overflow/underflow.
VM_INLINE vf VM(sigmoid)(vf x) { return 1.0f / (1.0f + VM(exp)(-x)); }

/// Applies `op` to n floats: whole vectors, then the tail through a buffer.
#define VM_DEFINE_ARRAY_FN(op)                                                       \
    static VM_TARGET void VM(array_##op)(const float *x, float *y, long n) {         \
        long i = 0;                                                                  \
        for (; i + VM_W <= n; i += VM_W) {                                           \
            vf v;                                                                    \
            __builtin_memcpy(&v, x + i, sizeof v);                                   \
            v = VM(op)(v);                                                           \
            __builtin_memcpy(y + i, &v, sizeof v);                                   \
        }                                                                            \
        if (i < n) {                                                                 \
            float buf[VM_W] = {0};                                                   \
            __builtin_memcpy(buf, x + i, (size_t)(n - i) * sizeof(float));           \
            vf v;                                                                    \
            __builtin_memcpy(&v, buf, sizeof v);                                     \
            v = VM(op)(v);                                                           \
            __builtin_memcpy(buf, &v, sizeof v);                                     \
            __builtin_memcpy(y + i, buf, (size_t)(n - i) * sizeof(float));           \
        }                                                                            \
    }
VM_DEFINE_ARRAY_FN(exp)
VM_DEFINE_ARRAY_FN(log)
VM_DEFINE_ARRAY_FN(tanh)
VM_DEFINE_ARRAY_FN(sigmoid)

/// One Adam/AdamW step (see syn_adam_update); vsqrtps/NEON sqrt per vector.
static VM_TARGET void VM(adam)(float *p, const float *g, float *m, float *v, long n,
                               float lr_t, float b1, float b2, float eps_t, float decay) {
    long i = 0;
    for (; i + VM_W <= n; i += VM_W) {
        vf pv, gv, mv, vv;
        __builtin_memcpy(&pv, p + i, sizeof pv);
        __builtin_memcpy(&gv, g + i, sizeof gv);
        __builtin_memcpy(&mv, m + i, sizeof mv);
        __builtin_memcpy(&vv, v + i, sizeof vv);
        mv = VM(fma)((vf)b1, mv, (1.0f - b1) * gv);
        vv = VM(fma)((vf)b2, vv, (1.0f - b2) * gv * gv);
        pv = pv - (lr_t * mv / (__builtin_elementwise_sqrt(vv) + eps_t) + decay * pv);
        __builtin_memcpy(p + i, &pv, sizeof pv);
        __builtin_memcpy(m + i, &mv, sizeof mv);
        __builtin_memcpy(v + i, &vv, sizeof vv);
    }
    for (; i < n; i++) {
        m[i] = b1 * m[i] + (1.0f - b1) * g[i];
        v[i] = b2 * v[i] + (1.0f - b2) * g[i] * g[i];
        p[i] -= lr_t * m[i] / (__builtin_sqrtf(v[i]) + eps_t) + decay * p[i];
    }
}

#undef vf
#undef vi
#undef VM_INLINE
#undef VM_DEFINE_ARRAY_FN
