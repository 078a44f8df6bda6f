// Every UI string in one place. English first; Russian and Ukrainian where translated.
const strings = {
  en: {
    admin: "Administration", signIn: "Sign in", userName: "User name", password: "Password", wrongPassword: "The user name or password is wrong.",
    locked: "Too many failed sign-ins. Try again later.", choosePassword: "Choose your own password", newPassword: "New password", savePassword: "Save password", signOut: "Sign out", wall: "Wall display", alerts: "Alerts", trends: "Trends",
    reconnecting: "Reconnecting…", stale: "No fresh data for 30 s", notEnough: "not enough data", n: "n", today: "today",
    vsUsual: "vs usual", ratingsToday: "ratings today", acknowledgedBy: "Acknowledged by", critical: "Critical moment",
    acknowledge: "Acknowledge", resolve: "Resolve", assign: "Assign", comment: "Comment", silence: "Silence 4 h", noise: "Mark as noise",
    useful: "Mark as useful", noAlerts: "No alerts match.", forbidden: "Your role does not allow this page.", home: "Home",
    state: "State", severity: "Severity", site: "Site", rule: "Rule", since: "Since", any: "any", exportCsv: "Export CSV", downloadPng: "Download PNG",
  },
  ru: {
    signIn: "Войти", userName: "Имя пользователя", password: "Пароль", wrongPassword: "Неверное имя пользователя или пароль.",
    signOut: "Выйти", wall: "Табло", alerts: "Оповещения", trends: "Тренды", reconnecting: "Переподключение…",
    stale: "Нет свежих данных 30 с", notEnough: "мало данных", today: "сегодня", ratingsToday: "оценок сегодня",
    acknowledgedBy: "Принято:", critical: "Критический момент", acknowledge: "Принять", resolve: "Закрыть",
  },
  uk: {
    signIn: "Увійти", userName: "Ім'я користувача", password: "Пароль", wrongPassword: "Неправильне ім'я користувача або пароль.",
    signOut: "Вийти", wall: "Табло", alerts: "Сповіщення", trends: "Тренди", reconnecting: "Перепідключення…",
    stale: "Немає свіжих даних 30 с", notEnough: "замало даних", today: "сьогодні", ratingsToday: "оцінок сьогодні",
    acknowledgedBy: "Прийняв:", critical: "Критичний момент", acknowledge: "Прийняти", resolve: "Закрити",
  },
};

const lang = (navigator.language || "en").slice(0, 2);
export const t = key => strings[lang]?.[key] ?? strings.en[key] ?? key;
export const number = (value, digits = 0) =>
  value == null ? "–" : new Intl.NumberFormat(navigator.language, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
export const time = value => new Intl.DateTimeFormat(navigator.language, { dateStyle: "short", timeStyle: "short" }).format(new Date(value));
export const clock = () => new Intl.DateTimeFormat(navigator.language, { timeStyle: "short" }).format(new Date());

/** Fills every element with data-i18n="key" (text) in the page. */
export function translate(root = document) {
  root.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
  document.documentElement.lang = strings[lang] ? lang : "en";
}
