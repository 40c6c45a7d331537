/* Column-wise exp, log and pow through libmvec, with glibc's scalar functions as the fallback
   (include/cvector_math.h). */
#include "cvector_math.h"

#include <math.h>

#if defined(__x86_64__) && defined(__GLIBC__)
#include <cpuid.h>

/* CPUID leaf 1: FMA (ECX bit 12), OSXSAVE (ECX bit 27), AVX (ECX bit 28); XCR0 bits 1 and 2: the OS
   saves SSE and YMM state; leaf 7, subleaf 0: AVX2 (EBX bit 5). */
static int detect_avx2(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const unsigned needed = (1u << 12) | (1u << 27) | (1u << 28);
    if ((c & needed) != needed) return 0;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6u) != 6u) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & (1u << 5)) != 0;
}

static int has_avx2;

/* Set once when the library is loaded, before any thread can ask. */
__attribute__((constructor)) static void cvm_detect(void) { has_avx2 = detect_avx2(); }

int cvm_has_avx2(void) { return has_avx2; }

/* The kernels call libmvec's AVX2 entry points (glibc 2.22 and later) over whole vectors of 4:
   n4 vectors from x (and y) to out, each loaded, passed in ymm0 (and ymm1) as the x86-64 vector
   function ABI asks, and stored from ymm0. They are written as assembly because clang passes a
   __m256d argument in memory, not in ymm0, unless the whole translation unit is built for AVX
   (a target attribute does not change a call's ABI), and building the whole unit for AVX would
   put AVX instructions in the scalar fallback. Each kernel keeps its pointers in callee-saved
   registers, aligns the stack to 16 bytes for the call, and clears the upper halves on return.
   Only called where cvm_has_avx2(). */
void cvm_exp4_kernel(const double *x, double *out, ptrdiff_t n4);
void cvm_log4_kernel(const double *x, double *out, ptrdiff_t n4);
void cvm_pow4_kernel(const double *x, const double *y, double *out, ptrdiff_t n4);

#define CVM_UNARY_KERNEL(name, entry)                                                                     \
    __asm__(".text\n"                                                                                       \
            ".p2align 4\n"                                                                                  \
            ".globl " #name "\n"                                                                            \
            ".hidden " #name "\n"                                                                           \
            ".type " #name ", @function\n" #name ":\n"                                                      \
            "    pushq %rbx\n"                                                                              \
            "    pushq %r12\n"                                                                              \
            "    pushq %r13\n" /* three pushes: rsp is 16-byte aligned for the call */                     \
            "    movq %rdi, %rbx\n"                                                                         \
            "    movq %rsi, %r12\n"                                                                         \
            "    movq %rdx, %r13\n"                                                                         \
            "    testq %r13, %r13\n"                                                                        \
            "    jle 2f\n"                                                                                  \
            "1:  vmovupd (%rbx), %ymm0\n"                                                                   \
            "    call " #entry "@PLT\n"                                                                     \
            "    vmovupd %ymm0, (%r12)\n"                                                                   \
            "    addq $32, %rbx\n"                                                                          \
            "    addq $32, %r12\n"                                                                          \
            "    decq %r13\n"                                                                               \
            "    jnz 1b\n"                                                                                  \
            "2:  vzeroupper\n"                                                                              \
            "    popq %r13\n"                                                                               \
            "    popq %r12\n"                                                                               \
            "    popq %rbx\n"                                                                               \
            "    ret\n"                                                                                     \
            ".size " #name ", .-" #name "\n")

CVM_UNARY_KERNEL(cvm_exp4_kernel, _ZGVdN4v_exp);
CVM_UNARY_KERNEL(cvm_log4_kernel, _ZGVdN4v_log);

__asm__(".text\n"
        ".p2align 4\n"
        ".globl cvm_pow4_kernel\n"
        ".hidden cvm_pow4_kernel\n"
        ".type cvm_pow4_kernel, @function\n"
        "cvm_pow4_kernel:\n"
        "    pushq %rbx\n"
        "    pushq %r12\n"
        "    pushq %r13\n"
        "    pushq %r14\n"
        "    subq $8, %rsp\n" /* four pushes and 8: rsp is 16-byte aligned for the call */
        "    movq %rdi, %rbx\n"
        "    movq %rsi, %r12\n"
        "    movq %rdx, %r13\n"
        "    movq %rcx, %r14\n"
        "    testq %r14, %r14\n"
        "    jle 2f\n"
        "1:  vmovupd (%rbx), %ymm0\n"
        "    vmovupd (%r12), %ymm1\n"
        "    call _ZGVdN4vv_pow@PLT\n"
        "    vmovupd %ymm0, (%r13)\n"
        "    addq $32, %rbx\n"
        "    addq $32, %r12\n"
        "    addq $32, %r13\n"
        "    decq %r14\n"
        "    jnz 1b\n"
        "2:  vzeroupper\n"
        "    addq $8, %rsp\n"
        "    popq %r14\n"
        "    popq %r13\n"
        "    popq %r12\n"
        "    popq %rbx\n"
        "    ret\n"
        ".size cvm_pow4_kernel, .-cvm_pow4_kernel\n");

/* A column: its whole vectors in place, then its last 1 to 3 elements padded into one more vector
   (with `pad`: 0 for exp, 1 for log and pow, so the padding lanes stay finite). */
static void unary_column(void (*kernel)(const double *, double *, ptrdiff_t), double pad, const double *x,
                         double *out, ptrdiff_t n) {
    const ptrdiff_t whole = n - n % 4;
    kernel(x, out, whole / 4);
    if (whole < n) {
        double lane[4] = {pad, pad, pad, pad};
        for (ptrdiff_t k = 0; k < n - whole; k++) lane[k] = x[whole + k];
        kernel(lane, lane, 1);
        for (ptrdiff_t k = 0; k < n - whole; k++) out[whole + k] = lane[k];
    }
}

void cvm_exp_avx2(const double *x, double *out, ptrdiff_t n) { unary_column(cvm_exp4_kernel, 0, x, out, n); }

void cvm_log_avx2(const double *x, double *out, ptrdiff_t n) { unary_column(cvm_log4_kernel, 1, x, out, n); }

void cvm_pow_avx2(const double *x, const double *y, double *out, ptrdiff_t n) {
    const ptrdiff_t whole = n - n % 4;
    cvm_pow4_kernel(x, y, out, whole / 4);
    if (whole < n) {
        double base[4] = {1, 1, 1, 1}, exponent[4] = {1, 1, 1, 1};
        for (ptrdiff_t k = 0; k < n - whole; k++) {
            base[k] = x[whole + k];
            exponent[k] = y[whole + k];
        }
        cvm_pow4_kernel(base, exponent, base, 1);
        for (ptrdiff_t k = 0; k < n - whole; k++) out[whole + k] = base[k];
    }
}
#else
int cvm_has_avx2(void) { return 0; }
void cvm_exp_avx2(const double *x, double *out, ptrdiff_t n) { cvm_exp_scalar(x, out, n); }
void cvm_log_avx2(const double *x, double *out, ptrdiff_t n) { cvm_log_scalar(x, out, n); }
void cvm_pow_avx2(const double *x, const double *y, double *out, ptrdiff_t n) { cvm_pow_scalar(x, y, out, n); }
#endif

void cvm_exp_scalar(const double *x, double *out, ptrdiff_t n) {
    for (ptrdiff_t i = 0; i < n; i++) out[i] = exp(x[i]);
}

void cvm_log_scalar(const double *x, double *out, ptrdiff_t n) {
    for (ptrdiff_t i = 0; i < n; i++) out[i] = log(x[i]);
}

void cvm_pow_scalar(const double *x, const double *y, double *out, ptrdiff_t n) {
    for (ptrdiff_t i = 0; i < n; i++) out[i] = pow(x[i], y[i]);
}

void cvm_exp(const double *x, double *out, ptrdiff_t n) {
    if (cvm_has_avx2()) cvm_exp_avx2(x, out, n);
    else cvm_exp_scalar(x, out, n);
}

void cvm_log(const double *x, double *out, ptrdiff_t n) {
    if (cvm_has_avx2()) cvm_log_avx2(x, out, n);
    else cvm_log_scalar(x, out, n);
}

void cvm_pow(const double *x, const double *y, double *out, ptrdiff_t n) {
    if (cvm_has_avx2()) cvm_pow_avx2(x, y, out, n);
    else cvm_pow_scalar(x, y, out, n);
}
