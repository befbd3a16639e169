/**
 * The municipalities interviewed for the handbook *Så har vi blivit mer effektiva* (Svenskt
 * Näringsliv 2026, avsnitt 2), by kommunkod: the five at the top of the study and the best four
 * each among larger towns, smaller towns and rural municipalities. Reports name those in the
 * reader's own group and recognise a reader who is one of them.
 */
export const HANDBOOK_MUNICIPALITIES: ReadonlySet<string> = new Set([
  // Toppen: Täby, Danderyd, Vaxholm, Nacka, Vallentuna
  '0160',
  '0162',
  '0187',
  '0182',
  '0115',
  // Större stad: Helsingborg, Linköping, Jönköping, Kalmar
  '1283',
  '0580',
  '0680',
  '0880',
  // Mindre stad: Varberg, Ystad, Hudiksvall, Skövde
  '1383',
  '1286',
  '2184',
  '1496',
  // Landsbygdskommun: Vetlanda, Ovanåker, Tranås, Lysekil
  '0685',
  '2121',
  '0687',
  '1484',
]);
