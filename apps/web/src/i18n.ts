/** A small i18n: French and English, from the browser's language, switchable, remembered in localStorage. */
import { ref } from "vue";

export type Lang = "en" | "fr";
const KEY = "pv.lang";

const en = {
  app: "Poke-ventory", skip: "Skip to content", nav: "Main", upload: "Upload", review: "Review", collection: "Collection",
  masterSets: "Master sets", csv: "CSV", signOut: "Sign out", language: "Language",
  signIn: "Sign in", signUp: "Create an account", email: "Email", password: "Password",
  needAccount: "No account yet? Create one", haveAccount: "Already have an account? Sign in",
  dropHere: "Drop card photos or binder pages here", chooseFiles: "Choose photos or take a picture",
  uploading: "Uploading", analysing: "Analysing", analysed: "Analysed", failed: "Failed", refused: "Refused",
  stored: "Queued", archived: "Archived", expired: "Expired", cardsFound: "cards found", goReview: "Review the cards",
  noDrafts: "Nothing to review.", candidates: "Candidates", confident: "Confident match",
  unsure: "Unsure: choose the card yourself", searchCatalog: "Search the catalog", search: "Search",
  searchHint: "name (English or French), number", setFilter: "Set", quantity: "Quantity", condition: "Condition",
  pricePaid: "Price paid", acquiredAt: "Acquired on", notes: "Notes", validate: "Validate (Enter)", score: "score",
  cardCrop: "Detected card", pickOne: "Pick a card first", validated: "Added to your collection", toReview: "to review",
  name: "Name", number: "Number", set: "Set", sort: "Sort by", order: "Order", asc: "ascending", desc: "descending",
  added: "date added", filter: "Filter", prev: "Previous", next: "Next", page: "Page", edit: "Edit", remove: "Remove",
  save: "Save", cancel: "Cancel", empty: "No cards yet.", owned: "owned", tracked: "tracked", missing: "Missing cards",
  showMissing: "Show missing cards", noMissing: "Complete!", exportCsv: "Export CSV", importCsv: "Import a CSV file",
  imported: "Imported", skipped: "Skipped", errors: "Errors", line: "line", loading: "Loading…", any: "any",
  confirmRemove: "Remove this card?", progressOf: "completion of",
};
type Messages = typeof en;
const fr: Messages = {
  app: "Poke-ventory", skip: "Aller au contenu", nav: "Principal", upload: "Importer", review: "Vérifier",
  collection: "Collection", masterSets: "Master sets", csv: "CSV", signOut: "Se déconnecter", language: "Langue",
  signIn: "Se connecter", signUp: "Créer un compte", email: "E-mail", password: "Mot de passe",
  needAccount: "Pas encore de compte ? En créer un", haveAccount: "Déjà un compte ? Se connecter",
  dropHere: "Déposez ici des photos de cartes ou des pages de classeur",
  chooseFiles: "Choisir des photos ou prendre une photo", uploading: "Envoi", analysing: "Analyse",
  analysed: "Analysée", failed: "Échec", refused: "Refusé", stored: "En attente", archived: "Archivée",
  expired: "Expirée", cardsFound: "cartes trouvées", goReview: "Vérifier les cartes", noDrafts: "Rien à vérifier.",
  candidates: "Candidats", confident: "Correspondance sûre", unsure: "Incertain : choisissez la carte vous-même",
  searchCatalog: "Chercher dans le catalogue", search: "Chercher", searchHint: "nom (français ou anglais), numéro",
  setFilter: "Extension", quantity: "Quantité", condition: "État", pricePaid: "Prix payé", acquiredAt: "Acquise le",
  notes: "Notes", validate: "Valider (Entrée)", score: "score", cardCrop: "Carte détectée",
  pickOne: "Choisissez d’abord une carte", validated: "Ajoutée à votre collection", toReview: "à vérifier",
  name: "Nom", number: "Numéro", set: "Extension", sort: "Trier par", order: "Ordre", asc: "croissant",
  desc: "décroissant", added: "date d’ajout", filter: "Filtrer", prev: "Précédent", next: "Suivant", page: "Page",
  edit: "Modifier", remove: "Retirer", save: "Enregistrer", cancel: "Annuler", empty: "Aucune carte pour l’instant.",
  owned: "possédées", tracked: "suivies", missing: "Cartes manquantes", showMissing: "Voir les cartes manquantes",
  noMissing: "Complet !", exportCsv: "Exporter en CSV", importCsv: "Importer un fichier CSV", imported: "Importées",
  skipped: "Ignorées", errors: "Erreurs", line: "ligne", loading: "Chargement…", any: "toutes",
  confirmRemove: "Retirer cette carte ?", progressOf: "progression de",
};

function initial(): Lang {
  const saved = localStorage.getItem(KEY);
  if (saved === "en" || saved === "fr") return saved;
  return navigator.language?.toLowerCase().startsWith("fr") ? "fr" : "en";
}

export const lang = ref<Lang>(initial());
document.documentElement.lang = lang.value;

export function setLang(l: Lang): void {
  lang.value = l;
  localStorage.setItem(KEY, l);
  document.documentElement.lang = l;
}

export type MessageKey = keyof Messages;
export function t(key: MessageKey): string {
  return (lang.value === "fr" ? fr : en)[key];
}

/** A card's name in the interface's language, the other one when it lacks it. */
export function cardName(c: { name?: string | null; name_fr?: string | null }): string {
  return (lang.value === "fr" ? c.name_fr || c.name : c.name || c.name_fr) ?? "";
}

const CONDITION_LABELS: Record<Lang, Record<string, string>> = {
  en: { mint: "Mint", near_mint: "Near mint", excellent: "Excellent", good: "Good", light_played: "Lightly played", played: "Played", poor: "Poor" },
  fr: { mint: "Neuf", near_mint: "Quasi neuf", excellent: "Excellent", good: "Bon état", light_played: "Légèrement joué", played: "Joué", poor: "Abîmé" },
};

/** A card condition as the interface's language names it (the API's value when it is not one of the known ones). */
export function conditionLabel(value: string): string {
  return CONDITION_LABELS[lang.value][value] ?? value;
}
