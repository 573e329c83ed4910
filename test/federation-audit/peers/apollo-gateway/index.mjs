// Apollo Gateway configured the way the federation audit configures it for its published runs:
// Apollo Server + express5, GraphQL at /graphql, GET /health = 200 once the gateway has loaded the supergraph.
// Usage: node index.mjs <supergraph.graphql> <port>
import { ApolloServer } from "@apollo/server";
import { createServer } from "node:http";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import express from "express";
import { ApolloGateway } from "@apollo/gateway";
import { readFileSync } from "node:fs";

const [supergraphPath = "./supergraph.graphql", portArg = "4000"] = process.argv.slice(2);
const port = parseInt(portArg, 10);
const supergraphSdl = readFileSync(supergraphPath).toString();

const gateway = new ApolloGateway({ supergraphSdl });
const app = express();
const httpServer = createServer(app);
const server = new ApolloServer({
  gateway,
  plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
});

await server.start();

app.use("/graphql", express.json(), expressMiddleware(server));
app.use("/health", (_, res) => {
  if (gateway.__testing().state.phase === "loaded") {
    res.status(200).send("OK");
  } else {
    res.status(503).send("Gateway: " + gateway.__testing().state.phase);
  }
});

for (const sig of ["SIGTERM", "SIGINT"]) {
  process.once(sig, () => {
    server.stop().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}

await new Promise((resolve) => httpServer.listen({ port, host: "127.0.0.1" }, resolve));
console.log(`apollo-gateway ready at http://127.0.0.1:${port}/graphql pid=${process.pid}`);
