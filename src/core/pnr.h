/* pnr.h — recognising personnummer in free text.
 *
 * Clients appear only as pseudonyms (OSL 26 kap., GDPR). Free text that contains what
 * looks like a personnummer or samordningsnummer — YYMMDD or YYYYMMDD, an optional - or +,
 * four digits, a real date and a valid check digit — is refused before it is stored. */
#ifndef INSYN_PNR_H
#define INSYN_PNR_H

int text_contains_personnummer(const char *s);

#endif
