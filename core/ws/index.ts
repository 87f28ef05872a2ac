export { connectWebSocket, type WebSocketConnectOptions, type WebSocket, type RawData } from './connect.js';
