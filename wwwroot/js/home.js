import { nav } from "./nav.js";

nav("home");
