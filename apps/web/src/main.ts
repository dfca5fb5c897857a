import { createApp } from "vue";
import { createRouter, createWebHashHistory } from "vue-router";
import App from "./App.vue";
import SignIn from "./views/SignIn.vue";
import Upload from "./views/Upload.vue";
import Review from "./views/Review.vue";
import Collection from "./views/Collection.vue";
import MasterSets from "./views/MasterSets.vue";
import Csv from "./views/Csv.vue";
import { session } from "./api";
import "./style.css";

const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: "/", redirect: () => (session.tokens ? "/upload" : "/signin") },
    { path: "/signin", component: SignIn, meta: { public: true } },
    { path: "/upload", component: Upload },
    { path: "/review", component: Review },
    { path: "/collection", component: Collection },
    { path: "/master-sets", component: MasterSets },
    { path: "/csv", component: Csv },
    { path: "/:rest(.*)*", redirect: "/" },
  ],
});
router.beforeEach((to) => {
  if (!to.meta.public && !session.tokens) return "/signin";
  if (to.path === "/signin" && session.tokens) return "/upload";
  return true;
});

createApp(App).use(router).mount("#app");
