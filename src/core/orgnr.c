/* orgnr.c — organisation number validation. */
#include "core/orgnr.h"

#include <ctype.h>
#include <string.h>

int
luhn_valid(const char *digits, int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++) {
        int v = digits[i] - '0';
        if ((n - i) % 2 == 0) { /* every second digit from the right, starting left of the check */
            v *= 2;
            if (v > 9)
                v -= 9;
        }
        sum += v;
    }
    return sum % 10 == 0;
}

int
luhn_check_digit(const char *nine)
{
    int sum = 0;
    for (int i = 0; i < 9; i++) {
        int v = nine[i] - '0';
        if (i % 2 == 0) {
            v *= 2;
            if (v > 9)
                v -= 9;
        }
        sum += v;
    }
    return (10 - sum % 10) % 10;
}

int
orgnr_normalize(const char *in, char out[12], int row, const char *field, struct insyn_err *err)
{
    out[0] = '\0';
    if (!in)
        in = "";
    while (isspace((unsigned char)*in))
        in++;
    size_t n = strlen(in);
    while (n > 0 && isspace((unsigned char)in[n - 1]))
        n--;
    if (n == 0) {
        err_field(err, row, field, "Organisationsnummer måste anges.");
        return INSYN_EINVAL;
    }
    char digits[11];
    int nd = 0;
    int shape_ok = (n == 10 || (n == 11 && in[6] == '-'));
    for (size_t i = 0; shape_ok && i < n; i++) {
        if (n == 11 && i == 6)
            continue;
        if (!isdigit((unsigned char)in[i]))
            shape_ok = 0;
        else
            digits[nd++] = in[i];
    }
    if (!shape_ok || nd != 10) {
        err_field(err, row, field, "Organisationsnummer ska skrivas NNNNNN-NNNN (tio siffror).");
        return INSYN_EINVAL;
    }
    if (digits[2] < '2') {
        err_field(err, row, field,
                  "Numret ser ut som ett personnummer (tredje siffran är lägre än 2). "
                  "Personnummer får inte registreras; ange bolagets eller föreningens "
                  "organisationsnummer.");
        return INSYN_EINVAL;
    }
    if (!luhn_valid(digits, 10)) {
        err_field(err, row, field, "Organisationsnumrets kontrollsiffra stämmer inte.");
        return INSYN_EINVAL;
    }
    memcpy(out, digits, 6);
    out[6] = '-';
    memcpy(out + 7, digits + 6, 4);
    out[11] = '\0';
    return 0;
}
