const express = require('express');
const { tracingMiddleware } = require('./tracing');

const app = express();
app.use(tracingMiddleware);
app.get('/orders', (req, res) => res.json([]));
app.listen(process.env.PORT ?? 3000);
