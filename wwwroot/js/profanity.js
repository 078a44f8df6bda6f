// Masks swear words on a public screen (English, Russian, Ukrainian stems), keeping the first letter.
const stems = ["fuck", "shit", "bitch", "asshole", "crap", "хуй", "хуе", "пизд", "бля", "ебан", "сука", "хуй", "піздец", "срак"];
const pattern = new RegExp(`\\p{L}*(?:${stems.join("|")})\\p{L}*`, "giu");
export const maskProfanity = text => text.replace(pattern, word => word[0] + "*".repeat(word.length - 1));
